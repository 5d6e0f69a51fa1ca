package com.countersign.lock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The edit_lock row and its audit trail. Lock and unlock are conditional updates: no lost races. */
@Repository
class EditLockStore {

    private final JdbcClient jdbc;

    EditLockStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    EditLock current() {
        return jdbc.sql("""
                select locked, kind, reason, since, locked_by, expected_end, change_set_id
                  from edit_lock where id = 1
                """).query(EditLockStore::lock).optional().orElse(EditLock.OPEN);
    }

    /** The lock as it stands, share-locked like the guard does: locking waits for this transaction. */
    EditLock currentUntilCommit() {
        return jdbc.sql("""
                select locked, kind, reason, since, locked_by, expected_end, change_set_id
                  from edit_lock where id = 1 for share
                """).query(EditLockStore::lock).optional().orElse(EditLock.OPEN);
    }

    boolean lock(EditLockKind kind, String reason, Instant expectedEnd, String by, Long changeSetId) {
        return jdbc.sql("""
                update edit_lock
                   set locked = true, kind = :kind, reason = :reason, expected_end = :expectedEnd, since = now(),
                       locked_by = :by, change_set_id = :changeSet
                 where id = 1 and not locked
                """)
                .param("kind", kind.name())
                .param("reason", reason)
                .param("expectedEnd", expectedEnd == null ? null : Timestamp.from(expectedEnd))
                .param("by", by)
                .param("changeSet", changeSetId)
                .update() == 1;
    }

    /** Unlocks; with a change set only the lock that deployment holds. */
    boolean unlock(Long onlyForChangeSet) {
        return jdbc.sql("""
                update edit_lock
                   set locked = false, kind = null, reason = null, expected_end = null, since = null,
                       locked_by = null, change_set_id = null
                 where id = 1 and locked and (cast(:changeSet as bigint) is null or change_set_id = :changeSet)
                """)
                .param("changeSet", onlyForChangeSet)
                .update() == 1;
    }

    List<EditLockEvent> events(int limit) {
        return jdbc.sql("""
                select at, action, kind, reason, expected_end, change_set_id, actor, db_user, note
                  from edit_lock_event order by id desc limit :limit
                """)
                .param("limit", limit)
                .query((rs, n) -> new EditLockEvent(instant(rs, "at"), rs.getString("action"),
                        kind(rs.getString("kind")), rs.getString("reason"), instant(rs, "expected_end"),
                        (Long) rs.getObject("change_set_id"), rs.getString("actor"), rs.getString("db_user"),
                        rs.getString("note")))
                .list();
    }

    private static EditLock lock(ResultSet rs, int n) throws SQLException {
        if (!rs.getBoolean("locked")) {
            return EditLock.OPEN;
        }
        return new EditLock(true, kind(rs.getString("kind")), rs.getString("reason"), instant(rs, "since"),
                rs.getString("locked_by"), instant(rs, "expected_end"), (Long) rs.getObject("change_set_id"));
    }

    private static EditLockKind kind(String value) {
        return value == null ? null : EditLockKind.valueOf(value);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
