/**
 * Shenhe (审核): one application serving every exam district (考区) as a tenant. Packages follow the
 * domain: {@code district} (tenant configuration), {@code registration} (报名), {@code material}
 * (material pictures and their upload pipeline), {@code review}, {@code plugin} (the PF4J host),
 * {@code storage} (picture bytes), {@code audit}, {@code security} (callers and tenancy),
 * {@code persistence} (the tenant-bound EntityManager, migrations) and {@code problem} (errors).
 */
package cn.shenhe;
