(function () {
  "use strict";
  var items = document.querySelectorAll(".finding");
  var out = document.getElementById("shown-count");
  var filters = document.getElementById("filters");
  if (!out || !filters) { return; }
  function update() {
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      if (window.getComputedStyle(items[i]).display !== "none") { shown++; }
    }
    out.textContent = shown + " of " + items.length + " findings shown";
  }
  filters.addEventListener("change", update);
  update();
})();
