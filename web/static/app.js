// Merit works without JavaScript; this file only adds conveniences.
// A print button on the profile (hidden when scripts are off).
document.querySelectorAll("[data-print]").forEach(function (b) {
  b.hidden = false;
  b.addEventListener("click", function () { window.print(); });
});
// Filter selects on the employee list apply as soon as they change.
document.querySelectorAll("form.filters select").forEach(function (s) {
  s.addEventListener("change", function () { s.form.requestSubmit(); });
});
