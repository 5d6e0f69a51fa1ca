package com.countersign.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.countersign.security.Role;
import com.countersign.security.UserAdminService;
import com.countersign.security.UserSummary;
import com.countersign.support.CountersignTest;
import com.countersign.support.Users;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The sign-in door as a browser (or a script guessing passwords) meets it over HTTP. */
@CountersignTest
class SignInDoorTest {

    private static final String PASSWORD = "a long enough password";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @Autowired
    WebApplicationContext context;

    @Autowired
    UserAdminService users;

    private MockMvc mvc;

    @BeforeEach
    void buildMockMvc() {
        VaadinOnMockServletContext.prepare(context.getServletContext());
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void twenty_wrong_passwords_lock_the_account_and_the_right_one_is_refused_until_an_admin_unlocks() throws Exception {
        String username = newUser();
        String guesser = newAddress();
        for (int i = 0; i < 20; i++) {
            signIn(username, "wrong guess " + i, guesser).andExpect(redirectedUrl("/login?error"));
        }

        // the right password, even from another address, ends like any failure: nothing tells it was right
        signIn(username, PASSWORD, newAddress()).andExpect(redirectedUrl("/login?error"));
        UserSummary shown = asAdmin(() -> users.list()).stream()
                .filter(u -> u.username().equals(username)).findFirst().orElseThrow();
        assertThat(shown.locked()).isTrue();

        asAdmin(() -> users.unlock(shown.id()));

        signIn(username, PASSWORD, newAddress()).andExpect(redirectedUrl("/"));
    }

    @Test
    void many_failures_from_one_address_slow_that_address_down_and_no_other() throws Exception {
        String username = newUser();
        String guesser = newAddress();
        for (int i = 0; i < 25; i++) {
            signIn("someone-" + i, "wrong guess", guesser).andExpect(redirectedUrl("/login?error"));
        }

        signIn(username, PASSWORD, guesser).andExpect(redirectedUrl("/login?error"));
        signIn(username, PASSWORD, newAddress()).andExpect(redirectedUrl("/"));
    }

    @Test
    void a_sign_in_without_the_csrf_token_is_refused_even_with_the_right_password() throws Exception {
        String username = newUser();

        for (MockHttpServletRequestBuilder attempt : new MockHttpServletRequestBuilder[] {
                post("/login").param("username", username).param("password", PASSWORD),
                post("/login").with(csrf().useInvalidToken()).param("username", username).param("password", PASSWORD)}) {
            MockHttpSession session = new MockHttpSession();
            mvc.perform(attempt.session(session).with(from(newAddress())))
                    .andExpect(redirectedUrl("/login?error"));
            assertThat(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)).isNull();
        }
    }

    @Test
    void every_page_says_what_it_may_load_and_that_it_may_not_be_framed() throws Exception {
        mvc.perform(get("/proformas"))
                .andExpect(header().string("Content-Security-Policy", Matchers.allOf(
                        Matchers.containsString("default-src 'self'"),
                        Matchers.containsString("script-src 'self' 'unsafe-inline' 'unsafe-eval'"),
                        Matchers.containsString("object-src 'none'"),
                        Matchers.containsString("frame-ancestors 'none'"))))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void health_tells_everyone_up_or_down_and_only_an_admin_what_is_behind_it() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").with(user("staff").roles("STAFF", "MANAGER")))
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").with(user("admin").roles("ADMIN")))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.db.details.database").value("PostgreSQL"));
    }

    private ResultActions signIn(String username, String password, String address) throws Exception {
        return mvc.perform(post("/login").with(csrf()).with(from(address))
                .param("username", username).param("password", password));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    /** A client address no other test uses, so their failures do not add up. */
    private static String newAddress() {
        return "198.51.100." + ADDRESSES.incrementAndGet() + "." + UUID.randomUUID().toString().substring(0, 4);
    }

    private String newUser() {
        String username = "door-" + UUID.randomUUID().toString().substring(0, 8);
        asAdmin(() -> users.create(username, "Door " + username, Set.of(Role.STAFF), PASSWORD));
        return username;
    }

    private static <T> T asAdmin(java.util.function.Supplier<T> action) {
        Users.actAs("admin", "ADMIN");
        try {
            return action.get();
        } finally {
            Users.anonymous();
        }
    }
}
