@org.springframework.modulith.NamedInterface("ui")
package com.countersign.base.ui;
