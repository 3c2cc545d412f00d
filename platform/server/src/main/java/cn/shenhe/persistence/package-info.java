/**
 * Persistence plumbing: the schema migrations (Flyway, run at start), the EntityManager bound to
 * the request's district (EclipseLink single-table multitenancy: every query on a tenant entity is
 * filtered by {@code district_id} and every insert fills it), and identifiers.
 */
package cn.shenhe.persistence;
