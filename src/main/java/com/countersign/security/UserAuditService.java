package com.countersign.security;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The user administration audit, read-only, for ADMINs and MANAGERs. */
@Service
@Transactional(readOnly = true)
@PreAuthorize("hasAnyRole('ADMIN', 'MANAGER')")
public class UserAuditService {

    private final UserAuditLog log;

    UserAuditService(UserAuditLog log) {
        this.log = log;
    }

    /** Newest first. */
    public List<UserAuditEntry> find(UserAuditEntry.Filter filter, int offset, int limit) {
        return log.find(filter, offset, limit);
    }

    public int count(UserAuditEntry.Filter filter) {
        return log.count(filter);
    }
}
