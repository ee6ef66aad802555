/*
  The version selector and the outdated notice of a published site, where Material cannot show
  them: pages opened from file://, where browsers refuse Material's request for versions.json.
  The data comes from versions.js at the language root (versions.json plus each version's
  pages), loaded by a <script> tag, which file:// allows. The selector has Material's markup, so
  it looks and behaves as Material's; a version leads to the same page when that version has it,
  else to its home page. Over http Material's own selector runs and this script does nothing.
*/
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  var data = window.__curriculum_versions;
  var own = document.getElementById("curriculum-version");
  var configElement = document.getElementById("__config");
  if (!data || !own || !configElement) return;
  var here = JSON.parse(own.textContent);
  var config = JSON.parse(configElement.textContent);
  var root = new URL(here.base === "." ? "./" : here.base + "/", location.href);
  var versions = data.versions.filter(function (v) { return !(v.properties && v.properties.hidden); });
  var current = versions.filter(function (v) { return v.version === here.version; })[0];
  if (!current) return;

  function titled(element, v) {
    element.textContent = v.title;
    if (config.version && config.version.alias && v.aliases && v.aliases.length) {
      var alias = document.createElement("span");
      alias.className = "md-version__alias";
      alias.textContent = v.aliases[0];
      element.appendChild(alias);
    }
  }

  var selector = document.createElement("div");
  selector.className = "md-version";
  var button = document.createElement("button");
  button.className = "md-version__current";
  button.setAttribute("aria-label", (config.translations || {})["select.version"] || "Select version");
  titled(button, current);
  selector.appendChild(button);
  var list = document.createElement("ul");
  list.className = "md-version__list";
  versions.forEach(function (v) {
    var pages = data.pages[v.version] || [];
    var same = pages.indexOf(here.page) >= 0;
    var link = document.createElement("a");
    link.className = "md-version__link";
    link.href = new URL("../" + v.version + "/" + (same ? here.page : "index.html"), root).href
      + (same ? location.hash : "");
    titled(link, v);
    var item = document.createElement("li");
    item.className = "md-version__item";
    item.appendChild(link);
    list.appendChild(item);
  });
  selector.appendChild(list);
  var topic = document.querySelector(".md-header__topic");
  if (topic) topic.appendChild(selector);

  // Material's rule: a version is outdated unless it or an alias matches extra.version.default.
  var current_ = [current.version].concat(current.aliases || []);
  var defaults = (config.version && config.version["default"]) || "latest";
  if (!Array.isArray(defaults)) defaults = [defaults];
  var outdated = !defaults.some(function (pattern) {
    return current_.some(function (name) { return new RegExp(pattern, "i").test(name); });
  });
  if (outdated) {
    document.querySelectorAll("[data-md-component=outdated]").forEach(function (el) { el.hidden = false; });
  }
})();
