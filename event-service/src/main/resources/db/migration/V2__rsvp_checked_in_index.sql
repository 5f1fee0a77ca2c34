-- The activity page counts its checked-in guests on every read. Without this index the count walked every RSVP of
-- the activity through the primary key and checked each row in the table: thousands of rows for a large activity,
-- on the most read page of the service. Only checked-in RSVPs are in it, so it stays small.
create index rsvp_checked_in on rsvp (activity_id) where checked_in_at is not null;
