-- Set-password links kept in sent or held emails are credentials nobody needs any more: the
-- sender now forgets them as it sends or holds; this forgets those kept before it did.
UPDATE "outbox_emails" SET "extra" = "extra" - 'link'
WHERE "status" IN ('sent', 'held') AND ("extra" ->> 'secret')::boolean;
