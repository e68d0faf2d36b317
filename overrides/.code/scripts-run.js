// The site's own scripts run, from the head on: the search shows on narrow
// screens (site.css), and so does the comments button.
document.documentElement.classList.add("essay-scripts")
