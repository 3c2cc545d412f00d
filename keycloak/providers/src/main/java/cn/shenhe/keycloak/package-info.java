/**
 * Keycloak validators for Shenhe's sign-up form (the realm's declarative user profile names them):
 * the resident identity number's check character and its uniqueness, and the attributes a person sets
 * once, when signing up. Loaded by Keycloak from its providers/ folder, never by the Shenhe server.
 */
package cn.shenhe.keycloak;
