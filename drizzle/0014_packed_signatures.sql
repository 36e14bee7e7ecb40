-- Signatures are stored packed (a compact binary form of their JSON, src/db/packed-json.ts): a third of their
-- jsonb size. Rows stored before keep their JSON as text bytes, which the reader still understands.
ALTER TABLE "items" ALTER COLUMN "signature" SET DATA TYPE bytea USING convert_to("signature"::text, 'UTF8');
