package com.countersign.proforma;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageWindowTest {

    @Test
    void pages_near_the_start_are_read_forwards_without_counting() {
        PageWindow window = PageWindow.of(PageWindow.COUNT_FROM - 50, 50, () -> {
            throw new AssertionError("no count needed this close to the start");
        });

        assertThat(window).isEqualTo(new PageWindow(PageWindow.COUNT_FROM - 50, 50, false));
    }

    @Test
    void the_last_page_is_read_from_the_end() {
        assertThat(PageWindow.of(999_950, 50, () -> 1_000_000)).isEqualTo(new PageWindow(0, 50, true));
    }

    @Test
    void a_short_last_page_reads_only_the_rows_that_are_left() {
        assertThat(PageWindow.of(12_300, 50, () -> 12_345)).isEqualTo(new PageWindow(0, 45, true));
    }

    @Test
    void a_page_in_the_far_half_skips_the_rows_after_it() {
        assertThat(PageWindow.of(700_000, 50, () -> 1_000_000)).isEqualTo(new PageWindow(299_950, 50, true));
    }

    @Test
    void a_page_in_the_near_half_is_read_forwards() {
        assertThat(PageWindow.of(400_000, 50, () -> 1_000_000)).isEqualTo(new PageWindow(400_000, 50, false));
    }

    @Test
    void a_page_past_the_end_is_empty() {
        assertThat(PageWindow.of(20_000, 50, () -> 12_000).isEmpty()).isTrue();
    }
}
