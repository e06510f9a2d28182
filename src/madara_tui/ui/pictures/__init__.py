"""Drawing article pictures in the terminal, inside the article view's Line API: every picture
is a run of screen rows, each row a `Strip`, so pictures scroll exactly like text.

- `blocks`: Unicode upper half blocks (▀), two pixels a cell, in true colour, 256 or 16 colours;
  works in every terminal and in tmux.
- `kitty`: the kitty graphics protocol's Unicode placeholders: the picture is sent once, each
  cell is an ordinary character the terminal replaces with its part of the picture.
- `sixel`: one sixel image per screen row, sent after that row's cells, so a row redrawn by a
  scroll redraws its own part of the picture and nothing else.
- `detect`: which of them the terminal can do (the environment, then a query with a short
  timeout before the reader takes the terminal).
"""
