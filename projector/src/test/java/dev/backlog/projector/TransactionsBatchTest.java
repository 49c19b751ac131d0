package dev.backlog.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** Group commit: commands inside {@link Transactions#batch} are savepoints; one failing undoes only itself. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class TransactionsBatchTest {
    private final Db db = new Db(connect(), 1000);

    private static java.sql.Connection connect() {
        try {
            return new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new java.util.Properties());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long rows() {
        return db.count("SELECT count(*) FROM t");
    }

    @Test
    void a_failing_command_in_a_batch_undoes_only_its_own_writes() {
        db.execute("CREATE TABLE t (x INTEGER)");
        Transactions.batch(db, () -> {
            Transactions.write(db, () -> db.update("INSERT INTO t VALUES (1)"));
            assertThatThrownBy(() -> Transactions.write(db, () -> {
                db.update("INSERT INTO t VALUES (2)");
                throw new BacklogException(ErrorCode.TASK_ALREADY_CLAIMED, "refused");
            })).isInstanceOf(BacklogException.class);
            Transactions.write(db, () -> db.update("INSERT INTO t VALUES (3)"));
        });
        assertThat(db.list("SELECT x FROM t ORDER BY x", rs -> rs.getLong(1))).containsExactly(1L, 3L);
        assertThat(db.inBatch()).isFalse();
    }

    @Test
    void a_batch_that_fails_as_a_whole_commits_nothing() {
        db.execute("CREATE TABLE t (x INTEGER)");
        assertThatThrownBy(() -> Transactions.batch(db, () -> {
            Transactions.write(db, () -> db.update("INSERT INTO t VALUES (1)"));
            throw new IllegalStateException("writer died");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(rows()).isZero();
        Transactions.write(db, () -> db.update("INSERT INTO t VALUES (4)"));
        assertThat(rows()).isEqualTo(1);
    }
}
