create table greeting (id int primary key, text varchar(50));
insert into greeting (id, text) values (1, 'from flyway');
