import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { session, login, hasRole, homeFor, type Role } from './lib/auth'

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'public', component: () => import('./views/PublicView.vue') },
  { path: '/home', name: 'home', redirect: () => homeFor(), meta: { auth: true } },
  { path: '/candidate', name: 'candidate', component: () => import('./views/CandidateView.vue'), meta: { roles: ['candidate'] } },
  {
    path: '/candidate/registrations/:id', name: 'upload', component: () => import('./views/UploadView.vue'),
    props: true, meta: { roles: ['candidate'] },
  },
  { path: '/review', name: 'review', component: () => import('./views/ReviewView.vue'), meta: { roles: ['site-reviewer', 'district-reviewer'] } },
  {
    path: '/review/registrations/:id', name: 'review-registration', component: () => import('./views/ReviewView.vue'),
    props: true, meta: { roles: ['site-reviewer', 'district-reviewer'] },
  },
  { path: '/admin', name: 'admin', component: () => import('./views/AdminView.vue'), meta: { roles: ['district-admin'] } },
  { path: '/national', name: 'national', component: () => import('./views/NationalView.vue'), meta: { roles: ['national-admin'] } },
  {
    path: '/national/districts/:code', name: 'national-district', component: () => import('./views/NationalDistrictView.vue'),
    props: true, meta: { roles: ['national-admin'] },
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
]

export function createAppRouter() {
  const router = createRouter({ history: createWebHistory(), routes })
  router.beforeEach(async (to) => {
    const roles = to.meta.roles as Role[] | undefined
    if (!roles && !to.meta.auth) return true
    if (!session.authenticated) {
      await login(to.fullPath)
      return false
    }
    if (roles && !hasRole(...roles)) return { name: 'not-found', params: { pathMatch: ['forbidden'] }, query: { forbidden: '1' } }
    return true
  })
  return router
}
