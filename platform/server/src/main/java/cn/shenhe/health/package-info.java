/** Health checks for {@code /health}: database, loaded districts and plugins. */
package cn.shenhe.health;
