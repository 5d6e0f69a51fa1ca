@org.springframework.modulith.NamedInterface("db")
package com.countersign.base.db;
