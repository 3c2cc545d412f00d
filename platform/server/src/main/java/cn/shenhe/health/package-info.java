/** Health checks for {@code /health}: database, picture store, loaded districts and plugins. */
package cn.shenhe.health;
