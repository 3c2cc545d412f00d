-- Configuration versions are append-only: refuse UPDATE and DELETE at the database, whoever asks.
CREATE FUNCTION district_config_version_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'district_config_version is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER district_config_version_no_change
    BEFORE UPDATE OR DELETE ON district_config_version
    FOR EACH ROW EXECUTE FUNCTION district_config_version_append_only();
