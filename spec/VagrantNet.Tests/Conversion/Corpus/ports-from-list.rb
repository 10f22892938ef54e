PORTS = [[80, 8080], [443, 8443], [5432, 15432]]

Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  PORTS.each do |guest, host|
    config.vm.network "forwarded_port", guest: guest, host: host, auto_correct: true
  end

  config.ssh.forward_x11 = false
  config.ssh.connect_timeout = 30
  config.vm.post_up_message = "Ports: #{PORTS.map { |g, h| "#{h}->#{g}" }.join(', ')}"
end
