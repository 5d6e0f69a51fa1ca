package com.countersign.lock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The edit_lock row and its audit trail. Lock and unlock go through the owner's functions (017), which
 * check who may and update conditionally: no lost races, no rebinding.
 */
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
                  from public.countersign_edit_lock_held()
                """).query(EditLockStore::lock).optional().orElse(EditLock.OPEN);
    }

    /** Locked by the actor of this transaction's WriteContext; the database refuses a lock already set. */
    boolean lock(EditLockKind kind, String reason, Instant expectedEnd, Long changeSetId) {
        return jdbc.sql("""
                select public.countersign_edit_lock(cast(:kind as text), cast(:reason as text),
                       cast(:expectedEnd as timestamptz), cast(:changeSet as bigint))
                """)
                .param("kind", kind.name())
                .param("reason", reason)
                .param("expectedEnd", expectedEnd == null ? null : Timestamp.from(expectedEnd))
                .param("changeSet", changeSetId)
                .query(Boolean.class)
                .single();
    }

    /** Unlocks; with a change set only the lock that deployment holds. */
    boolean unlock(Long onlyForChangeSet) {
        return jdbc.sql("select public.countersign_edit_unlock(cast(:changeSet as bigint))")
                .param("changeSet", onlyForChangeSet)
                .query(Boolean.class)
                .single();
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
