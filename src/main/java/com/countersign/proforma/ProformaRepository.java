package com.countersign.proforma;

import org.springframework.data.repository.ListCrudRepository;

interface ProformaRepository extends ListCrudRepository<Proforma, Long> {}
