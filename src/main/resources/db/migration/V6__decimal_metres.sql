-- Vans are 7.5 m long: vehicle lengths and parking capacities are metres to the centimetre, stored exactly (numeric,
-- never a float). The service refuses a finer value before it gets here (numeric(_, 2) would round it silently).
-- A room's capacity counts people and stays a whole number.
alter table request alter column vehicle_length type numeric(5, 2);

alter table resource alter column capacity type numeric(7, 2);
alter table resource add constraint resource_people_whole
    check (capacity is null or type in ('PARKING_SNG', 'PARKING_OB') or capacity = trunc(capacity));
