// The API docs page: Swagger UI from local files (no CDN), started without inline script (the CSP allows none).
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
});
