// The pledge form and the pledge page work without this file; it only makes them easier on a phone:
// the typed amount is grouped as 1.234.567 while typing, a tapped amount button clears the typed amount (and typing
// clears the button), the business fields show only for a business, and the transfer details get copy buttons.
(function () {
  "use strict";
  var amount = document.getElementById("f-Amount");
  if (amount) {
    var buttons = document.querySelectorAll("input[name='Input.Suggested']");
    var currency = document.getElementById("f-Currency");
    var equivalent = document.getElementById("vnd-equivalent");
    var foreign = function () { return currency && currency.value !== "VND"; };
    var showEquivalent = function () {
      if (!equivalent || !foreign()) return;
      var rate = parseFloat(currency.options[currency.selectedIndex].getAttribute("data-rate"));
      var value = parseFloat(amount.value.replace(",", "."));
      if (rate > 0 && value > 0)
        equivalent.textContent = "≈ " + Math.round(value * rate).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".") + " ₫";
    };
    amount.addEventListener("input", function () {
      // Dollars and euros keep their decimal comma or point; đồng are grouped by three as people write them.
      if (!foreign()) {
        var digits = amount.value.replace(/\D/g, "").replace(/^0+(?=\d)/, "");
        amount.value = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
      }
      if (amount.value) buttons.forEach(function (b) { b.checked = false; });
      showEquivalent();
    });
    if (currency) currency.addEventListener("change", function () { amount.value = ""; showEquivalent(); });
    buttons.forEach(function (b) { b.addEventListener("change", function () { if (b.checked) amount.value = ""; }); });
  }

  var business = document.getElementById("business");
  var kinds = document.querySelectorAll("input[name='Input.Kind']");
  function showBusiness() {
    var chosen = document.querySelector("input[name='Input.Kind']:checked");
    if (business) business.hidden = !chosen || chosen.value !== "business";
  }
  kinds.forEach(function (k) { k.addEventListener("change", showBusiness); });
  if (business && !business.querySelector("[aria-invalid='true']")) showBusiness();

  var done = document.querySelector(".copy-done");
  document.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
        if (done) done.textContent = done.getAttribute("data-done") + ": " + button.getAttribute("data-copy");
      });
    });
  });

  var errors = document.getElementById("loi");
  if (errors) errors.focus();
})();
