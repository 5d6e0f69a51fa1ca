package com.countersign.base;

import java.util.Optional;

/**
 * Something the signed-in person should see above every view, besides the edit lock: a feature
 * implements it and the shell shows what it answers, read on each navigation and on the banner's
 * poll, so that what happened on another node shows up too.
 */
public interface BannerNotice {

    /** The notice for whoever is signed in now, or empty. */
    Optional<String> current();
}
