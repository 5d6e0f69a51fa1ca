package com.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.support.CountersignTest;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CountersignTest
class DatabaseUserDetailsServiceTest {

    private final Locale serverLocale = Locale.getDefault();

    @Autowired
    DatabaseUserDetailsService userDetails;

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(serverLocale);
    }

    @Test
    void a_username_is_found_whatever_its_case() {
        assertThat(userDetails.loadUserByUsername(" Admin ").getUsername()).isEqualTo("admin");
    }

    @Test
    void a_username_is_found_whatever_the_servers_language() {
        // in Turkish, "ADMIN".toLowerCase() is "admın" (dotless i)
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));

        assertThat(userDetails.loadUserByUsername("ADMIN").getUsername()).isEqualTo("admin");
        assertThat(UserAdminService.normalizeUsername("ADMIN")).isEqualTo("admin");
    }
}
