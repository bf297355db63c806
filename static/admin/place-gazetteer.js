// Type-ahead for a place's name: the gazetteer's cities whose name begins with what is
// typed (in the chosen country, if any) are listed under the field as buttons; choosing
// one fills the name, the country, the GeoNames id and the coordinates. Without this
// script the form does the same on saving (one match fills it, several are offered).
"use strict";
(function () {
  var DELAY = 250;

  function setup() {
    var name = document.getElementById("id_name");
    var form = name && name.form;
    if (!form) {
      return;
    }
    var kind = document.getElementById("id_kind");
    var country = document.getElementById("id_country");
    var geonamesId = document.getElementById("id_geonames_id");
    var latitude = document.getElementById("id_latitude");
    var longitude = document.getElementById("id_longitude");
    var url = new URL("../gazetteer/", window.location.href);
    if (!/\/add\/$/.test(window.location.pathname)) {
      url = new URL("../../gazetteer/", window.location.href);
    }

    var status = document.createElement("p");
    status.className = "help";
    status.setAttribute("aria-live", "polite");
    var list = document.createElement("ul");
    list.className = "gazetteer-results";
    name.parentNode.appendChild(status);
    name.parentNode.appendChild(list);

    var timer = null;
    var asked = 0;

    function clear() {
      list.replaceChildren();
    }

    function choose(city) {
      name.value = city.name;
      geonamesId.value = city.geonames_id;
      latitude.value = city.latitude;
      longitude.value = city.longitude;
      if (city.country && country) {
        country.value = String(city.country);
      }
      clear();
      status.textContent = city.country
        ? "Chosen: " + city.label + ". Save to add it."
        : "Chosen: " + city.label + ". Its country (" + city.country_code +
          ") is not under Countries yet: add it there first.";
      name.focus();
    }

    function show(results) {
      clear();
      results.forEach(function (city) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = city.label;
        button.addEventListener("click", function () {
          choose(city);
        });
        item.appendChild(button);
        list.appendChild(item);
      });
      status.textContent = results.length
        ? results.length + " cities in the gazetteer: choose one below."
        : "No city of that name in the gazetteer.";
    }

    function search() {
      var text = name.value.trim();
      if ((kind && kind.value !== "city") || text.length < 2) {
        clear();
        status.textContent = "";
        return;
      }
      var query = new URL(url);
      query.searchParams.set("q", text);
      if (country && country.value) {
        query.searchParams.set("country", country.value);
      }
      var ticket = ++asked;
      fetch(query, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (ticket === asked) {
            show(data.results);
          }
        })
        .catch(function () {
          status.textContent = "";
        });
    }

    name.addEventListener("input", function () {
      geonamesId.value = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY);
    });
    if (country) {
      country.addEventListener("change", function () {
        if (!geonamesId.value) {
          search();
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", setup);
})();
