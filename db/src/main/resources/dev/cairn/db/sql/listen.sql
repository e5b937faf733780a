LISTEN <channel>
