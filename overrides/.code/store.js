// What the site keeps in this browser, under keys scoped to the site's
// path as Material scopes its own (every project site of one owner
// shares OWNER.github.io's storage): each a plain object, or nothing.
// A store that throws (site data blocked) or holds anything else reads
// as nothing, and a write to it is dropped: the page works for the visit.
window.essayStore = {
  key: name => `${__md_scope.pathname}.essay.${name}`,
  get(name, session = false) {
    try {
      const value = JSON.parse((session ? sessionStorage : localStorage).getItem(this.key(name)))
      return value && typeof value === "object" && !Array.isArray(value) ? value : null
    } catch {
      return null
    }
  },
  set(name, value, session = false) {
    try {
      const store = session ? sessionStorage : localStorage
      value ? store.setItem(this.key(name), JSON.stringify(value)) : store.removeItem(this.key(name))
    } catch {}
  },
}
