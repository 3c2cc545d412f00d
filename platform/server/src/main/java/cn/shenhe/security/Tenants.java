package cn.shenhe.security;

/**
 * The districts the server serves, as the tenant filter asks: the district package answers (it builds on
 * security, so security asks through this interface instead of knowing it).
 */
public interface Tenants {

    boolean exists(String district);
}
