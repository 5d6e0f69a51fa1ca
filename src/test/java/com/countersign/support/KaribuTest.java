package com.countersign.support;

import com.github.mvysny.fakeservlet.FakeHttpSession;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import java.util.function.Supplier;
import kotlin.jvm.functions.Function0;
import kotlin.jvm.functions.Function1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A Vaadin UI test without a browser (Karibu-Testing) against the whole application and database.
 * The signed-in person lives in the SecurityContextHolder, which is what the services'
 * {@code @PreAuthorize} and Vaadin's {@code AuthenticationContext} read; the fake HTTP request
 * answers {@code getUserPrincipal}/{@code isUserInRole} from it too, which is what Vaadin's view
 * access control reads. So one {@link #login} is seen by all three, as after a real form login.
 */
@CountersignTest
public abstract class KaribuTest {

    private static Routes routes;

    @Autowired
    protected ApplicationContext applicationContext;

    private Function1<FakeHttpSession, FakeRequest> previousRequestFactory;

    @BeforeEach
    void startVaadin() {
        if (routes == null) {
            routes = new Routes().autoDiscoverViews("com.countersign");
        }
        SecurityContextHolder.clearContext();
        previousRequestFactory = MockVaadin.getMockRequestFactory();
        MockVaadin.setMockRequestFactory(SignedInRequest::new);
        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, applicationContext, uiFactory));
    }

    @AfterEach
    void stopVaadin() {
        MockVaadin.tearDown();
        MockVaadin.setMockRequestFactory(previousRequestFactory);
        SecurityContextHolder.clearContext();
    }

    /** Signs in as after a form login: a UserDetails principal with ROLE_ authorities. */
    protected static void login(String username, String... roles) {
        SecurityContextHolder.setContext(SignedInRequest.contextOf(username, roles));
    }

    protected static void logout() {
        SecurityContextHolder.clearContext();
    }

    /** Does something as another person (another browser, say) and comes back as oneself. */
    protected static <T> T asSomeoneElse(String username, String role, Supplier<T> action) {
        SecurityContext mine = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(SignedInRequest.contextOf(username, role));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(mine);
        }
    }

    protected static void navigate(String location) {
        UI.getCurrent().navigate(location);
    }

    protected static <T extends Component> T navigate(Class<T> view) {
        return UI.getCurrent().navigate(view).orElseThrow();
    }
}
