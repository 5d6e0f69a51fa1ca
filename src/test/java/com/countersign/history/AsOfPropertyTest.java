package com.countersign.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.proforma.EditNeedsApprovalException;
import com.countersign.proforma.ProformaContent;
import com.countersign.proforma.ProformaLine;
import com.countersign.proforma.ProformaService;
import com.countersign.proforma.ProformaSnapshot;
import com.countersign.proforma.ProformaStatus;
import com.countersign.support.CountersignTest;
import com.countersign.support.Fixtures;
import com.countersign.support.Users;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A random sequence of edits (portal saves, raw SQL, deletions, restores) with a checkpoint after
 * each: for every checkpoint, "as of" returns exactly what was committed then.
 */
@CountersignTest
class AsOfPropertyTest {

    @Autowired
    ProformaService proformas;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    record Checkpoint(Instant at, Map<Long, String> state) {}

    @AfterEach
    void signOut() {
        Users.anonymous();
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 7L, 20240509L})
    void as_of_every_checkpoint_equals_what_was_committed_then(long seed) {
        Random random = new Random(seed);
        Users.actAs("staff", "STAFF");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(proformas.create(Fixtures.content(Fixtures.uniqueCustomer("AsOf"))).id());
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        checkpoints.add(checkpoint(ids));
        for (int step = 0; step < 25; step++) {
            long id = ids.get(random.nextInt(ids.size()));
            Optional<ProformaSnapshot> current = proformas.find(id);
            if (current.isEmpty()) {
                history.restore(id, history.lastKnown(id).orElseThrow().validFrom(), "step " + step);
            } else {
                switch (random.nextInt(4)) {
                    case 0 -> saveUnlessRisky(id, current.get().version(), mutate(current.get().content(), random));
                    case 1 -> jdbc.sql("update proforma_line set quantity = quantity + 1 where proforma_id = :id")
                            .param("id", id).update();
                    case 2 -> jdbc.sql("update proforma set customer_name = customer_name || '.' where id = :id")
                            .param("id", id).update();
                    default -> jdbc.sql("delete from proforma where id = :id").param("id", id).update();
                }
            }
            checkpoints.add(checkpoint(ids));
        }
        for (Checkpoint checkpoint : checkpoints) {
            for (long id : ids) {
                String asOf = history.asOf(id, checkpoint.at()).map(v -> v.content().toString()).orElse("absent");
                assertThat(asOf).as("proforma %d as of %s", id, checkpoint.at()).isEqualTo(checkpoint.state().get(id));
            }
        }
    }

    /** A risky edit (e.g. of an ISSUED proforma) waits for approval and saves nothing: still a valid step. */
    private void saveUnlessRisky(long id, int version, ProformaContent content) {
        try {
            proformas.update(id, version, content);
        } catch (EditNeedsApprovalException e) {
            // nothing was written; the checkpoint after this step must show the old state
        }
    }

    private Checkpoint checkpoint(List<Long> ids) {
        Map<Long, String> state = new LinkedHashMap<>();
        for (long id : ids) {
            state.put(id, proformas.find(id).map(p -> p.content().toString()).orElse("absent"));
        }
        Instant at = jdbc.sql("select clock_timestamp()").query(java.sql.Timestamp.class).single().toInstant();
        return new Checkpoint(at, state);
    }

    private static ProformaContent mutate(ProformaContent c, Random random) {
        List<ProformaLine> lines = new ArrayList<>(c.lines());
        if (random.nextBoolean() || lines.size() < 2) {
            lines.add(new ProformaLine("Extra " + random.nextInt(100), BigDecimal.valueOf(1 + random.nextInt(5)),
                    new BigDecimal("9.5000"), new BigDecimal("7.00")));
        } else {
            lines.remove(random.nextInt(lines.size()));
        }
        ProformaStatus status = ProformaStatus.values()[random.nextInt(ProformaStatus.values().length)];
        return new ProformaContent(c.customerName(), c.customerAddress(), c.customerVatId(), c.issueDate(),
                c.validUntil(), c.currency(), status, "note " + random.nextInt(1000), lines);
    }
}
