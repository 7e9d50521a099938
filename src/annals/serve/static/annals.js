// Draws every chart a page declares: <div data-chart="timeline|graph" id="X"> with its data in #X-data.
(function () {
  "use strict";
  function data(el) { return JSON.parse(document.getElementById(el.id + "-data").textContent); }

  function timeline(el) {
    var d = data(el);
    var items = new vis.DataSet(d.items);
    var options = { stack: d.stack, zoomKey: "ctrlKey", orientation: "top", margin: { item: 6 },
                    maxHeight: 420, verticalScroll: true };
    var chart = d.groups.length ? new vis.Timeline(el, items, new vis.DataSet(d.groups), options)
                                : new vis.Timeline(el, items, options);
    chart.fit({ animation: false });
    chart.zoomOut(0.15, { animation: false });  // room for the labels of the first and last items
    chart.on("select", function (props) {  // a contact's item leads to its row and evidence
      var row = props.items.length && document.getElementById("contact-" + props.items[0]);
      if (row) { location.hash = row.id; }
    });
  }

  function graph(el) {
    var cy = cytoscape({
      container: el, elements: data(el),
      layout: { name: "cose", animate: false, padding: 30 },
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 11, "background-color": "#2f5fa7",
                                     "text-valign": "bottom", "text-margin-y": 4, width: 18, height: 18 } },
        { selector: "node[kind != 'person']", style: { shape: "round-rectangle", "background-color": "#c07a12" } },
        { selector: "edge", style: { width: "mapData(weight, 1, 10, 1.5, 8)", "line-color": "#9fb3d1",
                                     "curve-style": "bezier" } }
      ]
    });
    cy.on("tap", "node", function (evt) {
      location.href = "/people/" + encodeURIComponent(evt.target.id());
    });
  }

  var draw = { timeline: timeline, graph: graph };
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    if (window.vis && window.cytoscape) { draw[el.dataset.chart](el); }
  });
})();
