"""Everything that is not layout: data access, validation, queries, KPIs, charts, export."""
