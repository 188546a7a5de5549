-- Run once by the postgres image on an empty volume.
CREATE DATABASE chorus_events;
CREATE DATABASE chorus_read;
