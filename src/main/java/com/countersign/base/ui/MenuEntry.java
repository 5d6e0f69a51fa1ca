package com.countersign.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;

/** A feature contributes its menu entry as a bean; the layout shows those the person may open. */
public record MenuEntry(String title, Class<? extends Component> view, VaadinIcon icon, int order) {}
