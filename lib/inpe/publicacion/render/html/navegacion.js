// Navegación del informe en HTML (renderizador propio): índice que marca la sección que se lee,
// índice plegado en pantallas angostas y figuras que se amplían con un clic. Es el único
// código del documento; la política de seguridad (CSP) impide que corra cualquier otro.
(function () {
  "use strict";
  var indice = document.querySelector("#TOC details");
  var angosta = window.matchMedia("(max-width: 60rem)");
  function ajustar() { if (indice) { indice.open = !angosta.matches; } }
  ajustar();
  angosta.addEventListener("change", ajustar);

  var enlaces = {};
  document.querySelectorAll("#TOC a[href^='#']").forEach(function (a) {
    enlaces[decodeURIComponent(a.getAttribute("href").slice(1))] = a;
  });
  var titulos = Array.prototype.filter.call(
    document.querySelectorAll("main h1[id], main h2[id], main h3[id], main h4[id], main section[id]"),
    function (h) { return enlaces[h.id]; });
  var actual = null;
  var nav = document.getElementById("TOC");
  // Desplaza solo el índice (no la página) para que el enlace actual quede a la vista.
  function mostrarEnIndice(a) {
    var r = a.getBoundingClientRect(), n = nav.getBoundingClientRect();
    if (r.top < n.top) { nav.scrollTop += r.top - n.top - 8; }
    else if (r.bottom > n.bottom) { nav.scrollTop += r.bottom - n.bottom + 8; }
  }
  function marcar() {
    var elegido = null;
    for (var i = 0; i < titulos.length; i++) {
      if (titulos[i].getBoundingClientRect().top <= 120) { elegido = titulos[i]; } else { break; }
    }
    var a = elegido ? enlaces[elegido.id] : null;
    if (a === actual) { return; }
    if (actual) { actual.removeAttribute("aria-current"); }
    actual = a;
    if (a) {
      a.setAttribute("aria-current", "location");
      // No se mueve el índice mientras el lector lo usa (el puntero está sobre él).
      if (!angosta.matches && !nav.matches(":hover")) { mostrarEnIndice(a); }
    }
  }
  var pendiente = false;
  window.addEventListener("scroll", function () {
    if (!pendiente) { pendiente = true; window.requestAnimationFrame(function () { pendiente = false; marcar(); }); }
  }, { passive: true });
  marcar();

  document.querySelectorAll("main figure img").forEach(function (img) {
    img.setAttribute("tabindex", "0");
    img.setAttribute("title", "Clic para ampliar");
    function alternar() { img.closest("figure").classList.toggle("ampliada"); }
    img.addEventListener("click", alternar);
    img.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === "Escape") { alternar(); } });
  });
})();
