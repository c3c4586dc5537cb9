-- The sector taxonomy in its file order.
SELECT code, label_en, label_zh FROM sectors
