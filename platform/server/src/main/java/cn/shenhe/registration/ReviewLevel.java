package cn.shenhe.registration;

/** Review runs at the exam site (考点) first, then at the exam district (考区). */
public enum ReviewLevel {
    SITE, DISTRICT
}
