-- Projection of community-service's profiles (profile-updated on people.events.v1): what an RSVP list shows of each
-- attendee, joined into the list query. updated_at is the profile's own time, so an older event never replaces a newer
-- profile (PeopleProjection). A person with no row shows their id as the name.
create table person_profile (
    user_id       text primary key,
    display_name  text,
    avatar_url    text,
    updated_at    timestamptz not null
);
