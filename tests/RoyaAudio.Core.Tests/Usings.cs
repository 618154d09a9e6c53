global using RoyaAudio.Text;
