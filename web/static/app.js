// Merit works without JavaScript; this file only adds conveniences.
// The profile's print button, hidden when scripts are off.
document.querySelectorAll("[data-print]").forEach(function (b) {
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
});
