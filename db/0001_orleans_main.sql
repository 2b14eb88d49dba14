-- Orleans ADO.NET provider: the query catalogue. Orleans reads its queries from this table
-- (contract: query keys, parameter names and result column names are fixed by the provider).
CREATE TABLE OrleansQuery
(
    QueryKey varchar(64) NOT NULL,
    QueryText varchar(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY(QueryKey)
);
