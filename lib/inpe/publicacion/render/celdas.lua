-- Quarto envuelve cada celda de un cuaderno en un Div `.cell`. Los títulos que una celda genera
-- (las secciones que salen del plan: una por AEI) quedan dentro de ese Div, y el índice del HTML no
-- los ve (Pandoc arma las secciones solo con títulos de primer nivel del documento). Este filtro saca
-- el contenido de las celdas marcadas con `#| classes: inpe-secciones`: el documento queda como si el
-- Markdown generado se hubiera escrito en el cuaderno. Solo mira los bloques de primer nivel y no
-- toca ningún otro elemento (tocarlos cambia el orden de sus atributos en Quarto).
function Pandoc(doc)
  local bloques = pandoc.Blocks({})
  for _, b in ipairs(doc.blocks) do
    if b.t == "Div" and b.attr.classes:includes("inpe-secciones") then
      bloques:extend(b.content)
    else
      bloques:insert(b)
    end
  end
  doc.blocks = bloques
  return doc
end
