package com.countersign.approval;

import org.springframework.security.access.AccessDeniedException;

/** A decision by someone who must not take it: the requester, or the first approver a second time. */
public class FourEyesViolation extends AccessDeniedException {

    public FourEyesViolation(String message) {
        super(message);
    }
}
