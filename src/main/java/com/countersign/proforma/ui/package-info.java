@org.springframework.modulith.NamedInterface("ui")
package com.countersign.proforma.ui;
