create table if not exists greetings (name text not null);
