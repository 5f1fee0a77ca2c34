-- One PostgreSQL for the dev installs (docker-compose.yml and the Kubernetes dev overlay), a database per service.
-- No service reads another's database; each service's Flyway migrations create its tables.
CREATE DATABASE community;
CREATE DATABASE event;
CREATE DATABASE merchant;
CREATE DATABASE media;
CREATE DATABASE notification;
