package com.countersign.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.countersign.security.Role;
import com.countersign.security.UserAdminService;
import com.countersign.support.CountersignTest;
import com.countersign.support.Users;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * HTTP as a browser or a load balancer sees it, through the real security filter chain. MockMvc is
 * built by hand from the shared context: {@code @AutoConfigureMockMvc} would start a second one.
 */
@CountersignTest
class WebSecurityTest {

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
    void health_is_reachable_without_login_and_covers_database_and_approval_engine_for_an_admin() throws Exception {
        mvc.perform(get("/actuator/health").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.flowable.status").value("UP"));
    }

    @Test
    void the_proforma_list_sends_a_signed_out_browser_to_the_login_page() throws Exception {
        mvc.perform(get("/proformas")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void the_right_password_signs_in() throws Exception {
        signIn("staff", "staff-demo-pass").andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/"));
    }

    @Test
    void a_wrong_password_and_an_unknown_username_end_the_same_way() throws Exception {
        signIn("staff", "not-the-password").andExpect(redirectedUrl("/login?error"));
        signIn("nobody-by-this-name", "not-the-password").andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void a_disabled_account_ends_the_same_way_even_with_the_right_password() throws Exception {
        String username = "disabled-" + UUID.randomUUID().toString().substring(0, 8);
        Users.actAs("admin", "ADMIN");
        try {
            long id = users.create(username, "Gone Away", Set.of(Role.STAFF), "a long enough password").id();
            users.setEnabled(id, false, "admin");
        } finally {
            Users.anonymous();
        }

        signIn(username, "a long enough password").andExpect(redirectedUrl("/login?error"));
    }

    private ResultActions signIn(String username, String password) throws Exception {
        return mvc.perform(post("/login").with(csrf()).param("username", username).param("password", password));
    }
}
