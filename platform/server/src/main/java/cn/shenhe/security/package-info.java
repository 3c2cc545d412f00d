/**
 * Who is calling and which district (tenant) a request acts in. The district in the URL must be
 * the caller's own (national administrators may read every district, change none); a request for
 * another district's data is answered 404, exactly as if it did not exist.
 */
package cn.shenhe.security;
